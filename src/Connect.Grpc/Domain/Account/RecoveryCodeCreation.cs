namespace Connect.Grpc.Domain;

/// <summary>A person makes a new set of recovery codes, proving the password; the old set no longer counts (<see cref="AccountFlow"/>).</summary>
internal sealed class RecoveryCodeCreation(UnitOfWork work, AccountFlow flow, SecondFactors secondFactors)
{
    public async Task<IReadOnlyList<string>> CreateRecoveryCodes(Caller caller, SessionInfo session, string? password, CancellationToken cancellationToken)
    {
        await flow.Reauthenticate(caller, session, "password", password, cancellationToken);
        return work.Write(change =>
        {
            var person = AccountFlow.PersonOf(change.Store, session);
            var codes = secondFactors.NewRecoveryCodes(person);
            flow.Save(change, caller, session, person, AuditActions.PersonRecoveryCodesCreated,
                new() { ["count"] = codes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return codes;
        });
    }
}
