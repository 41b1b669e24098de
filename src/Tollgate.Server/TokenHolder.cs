namespace Tollgate.Server;

/// <summary>Whose token an endpoint takes (see <see cref="EndpointConventionExtensions.RequireTollgateToken"/>).</summary>
public enum TokenHolder
{
    /// <summary>Any valid token of the endpoint's cloud.</summary>
    Any,

    /// <summary>A token that names a customer: the customer's own, or one an MSP minted for it.</summary>
    Customer,

    /// <summary>An MSP's own token (not a customer token it minted).</summary>
    Msp,
}
