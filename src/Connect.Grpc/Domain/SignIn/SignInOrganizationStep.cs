using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>Step 4 of <see cref="SignInFlow"/>: the organisation chosen when the person is active in several.</summary>
internal sealed class SignInOrganizationStep(UnitOfWork work, SignInFlow flow)
{
    public (string Token, Session Session) ChooseOrganization(Caller caller, string? token, string? organizationId)
    {
        var chosen = Validate.Token("organization_id", organizationId, ErrorReason.OrganizationNotFound);
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.SecondFactorVerified);
            var person = SignInFlow.PersonOf(w, signIn);
            if (ActiveMemberships.Of(w, person.Id).All(o => o.Organization.Id != chosen)) throw SignInFlow.OrganizationNotFound();
            return flow.IssueSession(change, caller with { PersonId = person.Id }, signIn, chosen, "organization_choice");
        });
    }
}
