using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Tollgate.Core.Stores;

namespace Tollgate.Server.WebConsole;

/// <summary>Data Protection's key ring in Tollgate's store: a console cookie written by one node is read by every node.</summary>
internal sealed class StoreXmlRepository(IKeyRingStore store) : IXmlRepository
{
    // Data Protection calls these synchronously, rarely (start-up, key roll every 90 days, a cache refresh a day).
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult().Select(x => XElement.Parse(x))];

    public void StoreElement(XElement element, string friendlyName) =>
        store.AddAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None).GetAwaiter().GetResult();
}
