using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A fund operator's call. The constructor is private and <see cref="Require"/> is the only way to get one, so a
/// domain method that takes it cannot be reached without the operator check: forgetting the check does not compile.
/// It converts to the <see cref="Domain.Caller"/> that audit events name; the operators' reads take it only as proof.
/// </summary>
internal sealed class OperatorPrincipal
{
    private OperatorPrincipal(Caller caller, SessionInfo session) => (Caller, Session) = (caller, session);

    public Caller Caller { get; }
    public SessionInfo Session { get; }

    /// <summary>The operator's call, or PERMISSION_DENIED <c>OPERATOR_REQUIRED</c>.</summary>
    internal static OperatorPrincipal Require(Caller caller, SessionInfo session) => session.Operator
        ? new OperatorPrincipal(caller, session)
        : throw new ConnectException(ErrorReason.OperatorRequired, "Only the fund's operators may do this.");

    public static implicit operator Caller(OperatorPrincipal principal) => principal.Caller;
}
