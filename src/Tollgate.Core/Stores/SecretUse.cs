namespace Tollgate.Core.Stores;

/// <summary>
/// A credential's secret of one generation was used: the store records it as the current secret's last use, or as
/// the previous secret's while a rotation's grace runs.
/// </summary>
public readonly record struct SecretUse(string ClientId, int Generation);
