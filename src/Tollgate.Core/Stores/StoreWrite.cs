namespace Tollgate.Core.Stores;

/// <summary>How a conditional write ended: written, nothing there to change, or the state was not what the caller expected.</summary>
public enum StoreWrite
{
    Written = 0,
    NotFound = 1,
    Conflict = 2,
}
