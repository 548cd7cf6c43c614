namespace Connect.Grpc.Domain;

/// <summary>A person changes their own names and language (<see cref="AccountFlow"/>).</summary>
internal sealed class ProfileChange(AccountFlow flow)
{
    public Person UpdateProfile(Caller caller, SessionInfo session, string? givenName, string? familyName, string? language)
    {
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        return flow.ChangePerson(caller, session, AuditActions.PersonProfileChanged, (change, person) =>
        {
            var details = new Dictionary<string, string>();
            if (person.GivenName != given) details["given_name"] = $"{person.GivenName} → {given}";
            if (person.FamilyName != family) details["family_name"] = $"{person.FamilyName} → {family}";
            if (language is not null && person.Language != language) details["language"] = $"{person.Language} → {language}";
            person.GivenName = given;
            person.FamilyName = family;
            person.Language = language ?? person.Language;
            return details;
        });
    }
}
