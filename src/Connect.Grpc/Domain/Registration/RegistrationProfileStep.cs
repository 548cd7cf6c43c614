using Connect.Grpc.Security;

namespace Connect.Grpc.Domain;

/// <summary>Step 4 of <see cref="RegistrationFlow"/> for a new person: given and family name, password and language.</summary>
internal sealed class RegistrationProfileStep(
    IStore store,
    UnitOfWork work,
    RegistrationFlow flow,
    PasswordPolicy passwordPolicy,
    PasswordHasher passwordHasher)
{
    public async Task<Registration> CreateProfile(Caller caller, string? token, string? givenName, string? familyName, string? password,
        string language, CancellationToken cancellationToken)
    {
        var given = Validate.Name("given_name", givenName);
        var family = Validate.Name("family_name", familyName);
        passwordPolicy.Check("password", password);
        var before = store.Read(r => flow.Load(r, token, RegistrationStep.EmailVerified));
        if (before.ExistingPersonId is not null) throw RegistrationFlow.StepInvalid(before);
        // Hash outside the write: it is slow on purpose and the write lock serialises everyone.
        var hash = await passwordHasher.HashAsync(password!, cancellationToken);
        return work.Write(change =>
        {
            var registration = flow.Load(change.Store, token, RegistrationStep.EmailVerified);
            registration.GivenName = given;
            registration.FamilyName = family;
            registration.PasswordHash = hash;
            registration.Language = language;
            registration.Step = RegistrationStep.ProfileCompleted;
            RegistrationFlow.Save(change, caller, registration, AuditActions.RegistrationProfileCompleted,
                new() { ["given_name"] = given, ["family_name"] = family, ["language"] = language });
            return registration;
        });
    }
}
