using System.Diagnostics.CodeAnalysis;

namespace Tollgate.Core.OAuth;

/// <summary>Either a value or an <see cref="OAuthError"/>; protocol failures are values, not exceptions.</summary>
public readonly struct Result<T>
{
    private Result(T? value, OAuthError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public OAuthError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(OAuthError error) => new(default, error);

#pragma warning disable CA2225 // Implicit conversions are the point: `return error;` reads as a failure.
    public static implicit operator Result<T>(OAuthError error) => Failure(error);
#pragma warning restore CA2225
}
