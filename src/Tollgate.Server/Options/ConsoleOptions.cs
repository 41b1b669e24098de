namespace Tollgate.Server.Options;

/// <summary><c>Tollgate:Console</c>: administrator accounts and console sessions. The defaults are the secure ones.</summary>
public sealed class ConsoleOptions
{
    /// <summary>Serve the web console at <c>/console</c> on every cloud's listener.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The shortest password an administrator may choose (it must also mix upper and lower case, a digit and a symbol).</summary>
    public int PasswordMinLength { get; set; } = 12;

    /// <summary>Wrong passwords or codes in a row before an account is locked for <see cref="LockoutDuration"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session not used for this long is signed out.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);
}
