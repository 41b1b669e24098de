using System.Net.Mail;
using Tollgate.Core.Clouds;
using Tollgate.Core.Stores;
using Tollgate.Core.Ids;

namespace Tollgate.Core.Administration;

/// <summary>A customer's users: create, update, delete, each with its change-feed row and audit event in one transaction.</summary>
public sealed class UserService(IUserStore users, TimeProvider time)
{
    public const long BytesPerGiB = 1L << 30;

    /// <summary>The statuses a user can have (stored lower-case).</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["active", "preserved", "blocked"];

    public Task<(int Total, IReadOnlyList<UserRecord> Page)> ListAsync(UserQuery query, CancellationToken cancellationToken = default) =>
        users.ListAsync(query, cancellationToken);

    public async Task<AdminResult<UserRecord>> GetAsync(CustomerId customerId, UserId userId, CancellationToken cancellationToken = default) =>
        await users.FindAsync(customerId, userId, cancellationToken).ConfigureAwait(false) is { } user ? user : NoSuchUser;

    public async Task<AdminResult<UserRecord>> CreateAsync(CloudName cloud, CustomerId customerId, UserChanges changes, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(changes.UserName) || string.IsNullOrWhiteSpace(changes.EmailId))
        {
            return AdminError.Invalid("userName and emailID are required.");
        }

        var now = time.GetUtcNow();
        var applied = Apply(changes, new UserRecord(0, customerId.Value, string.Empty, string.Empty, "active", 0, 0, 0, now));
        if (!applied.Succeeded)
        {
            return applied.Error;
        }

        var stored = await users.AddAsync(applied.Value, user => Journal(cloud, user, AuditActions.UserCreate, actor, now), cancellationToken).ConfigureAwait(false);
        return stored is null ? DuplicateEmail : stored;
    }

    public async Task<AdminResult<UserRecord>> UpdateAsync(CloudName cloud, CustomerId customerId, UserId userId, UserChanges changes, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        if (await users.FindAsync(customerId, userId, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return NoSuchUser;
        }

        var applied = Apply(changes, current);
        if (!applied.Succeeded)
        {
            return applied.Error;
        }

        var write = await users.ReplaceAsync(applied.Value, Journal(cloud, applied.Value, AuditActions.UserUpdate, actor, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return write switch
        {
            StoreWrite.Written => applied.Value,
            StoreWrite.NotFound => NoSuchUser,
            _ => DuplicateEmail,
        };
    }

    public async Task<AdminResult<UserId>> DeleteAsync(CloudName cloud, CustomerId customerId, UserId userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var gone = new UserRecord(userId.Value, customerId.Value, string.Empty, string.Empty, string.Empty, 0, 0, 0, default);
        var write = await users.DeleteAsync(customerId, userId, Journal(cloud, gone, AuditActions.UserDelete, actor, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return write == StoreWrite.Written ? userId : NoSuchUser;
    }

    private static AdminError NoSuchUser => AdminError.NotFound("No such user.");

    private static AdminError DuplicateEmail => AdminError.Conflict("A user with this emailID already exists.");

    private static JournalEntry Journal(CloudName cloud, UserRecord user, string action, Actor actor, DateTimeOffset now)
    {
        var id = user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JournalEntry(new AuditEvent(now, cloud.Value, actor.Name, action, "user", id, CustomerId: user.CustomerId, SourceIp: actor.Source?.ToString()), ChangeKinds.User, id);
    }

    /// <summary>The user with the given fields set, after checking each; or the first field that is wrong.</summary>
    private static AdminResult<UserRecord> Apply(UserChanges input, UserRecord user)
    {
        if (input.UserName is not null)
        {
            var name = input.UserName.Trim();
            if (name.Length is 0 or > Validate.MaxName)
            {
                return AdminError.Invalid("userName must be 1 to 200 characters.");
            }

            user = user with { UserName = name };
        }

        if (input.EmailId is not null)
        {
            var email = input.EmailId.Trim().ToLowerInvariant();
            if (email.Length > 320 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            {
                return AdminError.Invalid("emailID must be a valid email address.");
            }

            user = user with { EmailId = email };
        }

        if (input.Status is not null)
        {
            var status = input.Status.ToLowerInvariant();
            if (!Statuses.Contains(status))
            {
                return AdminError.Invalid($"status must be one of: {string.Join(", ", Statuses)}.");
            }

            user = user with { Status = status };
        }

        if (input.ProfileId is { } profile)
        {
            if (profile < 0)
            {
                return AdminError.Invalid("profileID must not be negative.");
            }

            user = user with { ProfileId = profile };
        }

        if (input.StorageId is { } storage)
        {
            if (storage < 0)
            {
                return AdminError.Invalid("storageID must not be negative.");
            }

            user = user with { StorageId = storage };
        }

        if (input.QuotaInBytes is { } bytes)
        {
            if (bytes < 0)
            {
                return AdminError.Invalid("quotaInBytes must not be negative.");
            }

            user = user with { QuotaInBytes = bytes };
        }
        else if (input.Quota is { } quota)
        {
            if (quota is < 0 or > 1L << 32)
            {
                return AdminError.Invalid("quota must be between 0 and 2^32 GiB.");
            }

            user = user with { QuotaInBytes = quota * BytesPerGiB };
        }

        return user;
    }
}
