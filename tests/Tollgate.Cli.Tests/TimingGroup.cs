using Tollgate.Testing;

namespace Tollgate.Cli.Tests;

[CollectionDefinition(Serial.Timing, DisableParallelization = true)]
public sealed class TimingGroup;
