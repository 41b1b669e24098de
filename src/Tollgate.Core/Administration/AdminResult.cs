using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.Administration;

/// <summary>Either the outcome of an administrative operation or an <see cref="AdminError"/>: expected failures are values.</summary>
public readonly struct AdminResult<T>
{
    private AdminResult(T? value, AdminError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public AdminError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static AdminResult<T> Success(T value) => new(value, null);

    public static AdminResult<T> Failure(AdminError error) => new(default, error);

#pragma warning disable CA2225 // Implicit conversions are the point: `return error;` reads as a failure.
    public static implicit operator AdminResult<T>(AdminError error) => Failure(error);

    public static implicit operator AdminResult<T>(T value) => Success(value);
#pragma warning restore CA2225
}
