using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A call by an administrator of the session's organisation, or by a partner integration acting in its organisation
/// with an administrator's reach. The constructor is private and <see cref="Require"/> is the only way to get one, so
/// a domain method that takes it cannot be reached without the administrator check.
/// </summary>
internal sealed class AdministratorPrincipal
{
    private AdministratorPrincipal(Caller caller, SessionInfo session) => (Caller, Session) = (caller, session);

    public Caller Caller { get; }
    public SessionInfo Session { get; }

    /// <summary>The administrator's call, or PERMISSION_DENIED <c>ADMINISTRATOR_REQUIRED</c>.</summary>
    internal static AdministratorPrincipal Require(Caller caller, SessionInfo session) => session.Administrator
        ? new AdministratorPrincipal(caller, session)
        : throw new ConnectException(ErrorReason.AdministratorRequired, "Only an administrator of the organisation may manage its members.");

    public void Deconstruct(out Caller caller, out SessionInfo session) => (caller, session) = (Caller, Session);
}
