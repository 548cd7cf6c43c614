using Connect.Grpc.Domain;

namespace Connect.Testing;

/// <summary>
/// What the flow drivers (<see cref="Registrar"/>, <see cref="SignInDriver"/>, <see cref="MemberDriver"/>, …) need of a
/// running Connect: where its e-mails and SMS land, its clock, its store, its bootstrap code and first operator. A
/// server in the test process (<see cref="ConnectServerFactory"/>, on a fake clock) is one; replicas run as separate
/// processes are another.
/// </summary>
public interface IConnectUnderTest
{
    Mailbox Mail { get; }

    SmsOutbox Sms { get; }

    /// <summary>The server's clock (read only: see <see cref="Pass"/>).</summary>
    TimeProvider Clock { get; }

    /// <summary>Lets <paramref name="time"/> pass for the server: a fake clock steps, a real one is waited for.</summary>
    void Pass(TimeSpan time);

    /// <summary>How long a person waits before a second code to the same address or number.</summary>
    TimeSpan ResendInterval { get; }

    string BootstrapCode { get; }

    FundOperator FundOperator { get; }

    /// <summary>The server's store, to set up states no API offers yet and to look at what was written.</summary>
    IStore Store();
}
