namespace Connect.Admin.Sessions;

/// <summary>A "forgot password" in progress, as the reset cookie keeps it.</summary>
public sealed record PasswordResetState(string Token, string Email, DateTimeOffset ExpireTime, string? ReturnUrl)
{
    /// <summary>When a new code can be asked for.</summary>
    public DateTimeOffset? NextResendTime { get; init; }
}
