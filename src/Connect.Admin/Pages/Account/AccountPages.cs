namespace Connect.Admin.Pages.Account;

/// <summary>The pages of the own account.</summary>
public static class AccountPages
{
    public const string Overview = "/Account/Index";
    public const string Profile = "/Account/Profile";
    public const string Password = "/Account/Password";
    public const string Phone = "/Account/Phone";
    public const string Authenticator = "/Account/Authenticator";
    public const string RecoveryCodes = "/Account/RecoveryCodes";
    public const string Sessions = "/Account/Sessions";
    public const string Invitations = "/Account/Invitations";
    public const string DeclineInvitation = "/Account/DeclineInvitation";
    public const string Passkeys = "/Account/Passkeys";
    public const string RemovePasskey = "/Account/RemovePasskey";
}
