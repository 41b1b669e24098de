namespace Tollgate.Testing;

/// <summary>
/// The collection of tests that time how fast a change reaches running servers ("within one second"): xUnit runs
/// it after the parallel tests, alone, so servers and PostgreSQL clusters of other tests do not take its cores.
/// Each test assembly that uses it declares the collection (xUnit looks for the definition in the test assembly).
/// </summary>
public static class Serial
{
    public const string Timing = "Timing (runs alone)";
}
