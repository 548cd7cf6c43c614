namespace Connect.Admin.Tests.Infrastructure;

/// <summary>Someone the tests register: their own e-mail address and mobile number, so that no code limit is shared.</summary>
public sealed record TestPerson(string GivenName, string FamilyName, string Email, string PhoneNumber, string Password);

/// <summary>A registered person: the session the registration gave them, and recovery codes when asked for.</summary>
public sealed record RegisteredPerson(TestPerson Person, string OrganizationName, string SessionToken, IReadOnlyList<string> RecoveryCodes)
{
    public string Email => Person.Email;

    public string Password => Person.Password;

    public string Name => $"{Person.GivenName} {Person.FamilyName}";
}
