using Tollgate.Testing;

namespace Tollgate.Server.Tests;

[CollectionDefinition(Serial.Timing, DisableParallelization = true)]
public sealed class TimingGroup;
