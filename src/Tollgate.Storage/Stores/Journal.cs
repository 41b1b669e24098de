using Tollgate.Core.Stores;
using Tollgate.Storage.Entities;

namespace Tollgate.Storage.Stores;

/// <summary>The one place change-feed rows and audit rows are built: added to the change's own unit of work.</summary>
internal static class Journal
{
    public static void Add(TollgateDbContext db, JournalEntry entry)
    {
        db.AuditEvents.Add(entry.Audit.ToEntity());
        if (entry.ChangeKind is not null)
        {
            db.Changes.Add(new ChangeEntity { Cloud = entry.Audit.Cloud, Kind = entry.ChangeKind, Subject = entry.ChangeSubject ?? string.Empty, At = entry.Audit.At });
        }
    }
}
