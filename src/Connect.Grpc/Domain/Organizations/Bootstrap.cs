using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// First start: the topic catalogue, the fund's own organisation, and a 24-hour access code for its first
/// operator. Later starts issue a new code only while the fund has no operator and no code is pending, so a
/// lost code can be replaced by a restart after it expired, and a running installation prints nothing.
/// </summary>
internal sealed class Bootstrap(UnitOfWork work, TimeProvider time, Invitations invitations, IOptions<FundOptions> fund)
{
    public IssuedInvitation? Run() => work.Write(change =>
    {
        var w = change.Store;
        var now = time.UtcNow();
        var system = Caller.Anonymous(null, null);
        var fundId = w.Get<SystemSetting>(Organizations.FundOrganizationSetting)?.Value;
        Organization fundOrganization;
        if (fundId is null)
        {
            foreach (var topic in DefaultTopics.Create())
            {
                if (w.Get<Topic>(topic.Id) is not null) continue;
                w.Insert(topic);
                change.Audit(system, AuditActions.TopicCreated, null, "topic", topic.Id, new() { ["name_en"] = topic.NameEn });
            }
            fundOrganization = new Organization
            {
                DisplayName = fund.Value.Name,
                AffiliateNumber = Organizations.NormalizeAffiliateNumber(fund.Value.AffiliateNumber),
                Fund = true,
                CreatedAt = now,
                UpdatedAt = now,
                Version = 1,
            };
            w.Insert(fundOrganization);
            w.Insert(new SystemSetting { Id = Organizations.FundOrganizationSetting, Value = fundOrganization.Id });
            change.Audit(system, AuditActions.OrganizationCreated, fundOrganization.Id, "organization", fundOrganization.Id,
                new() { ["display_name"] = fundOrganization.DisplayName, ["fund"] = "true" });
        }
        else
        {
            fundOrganization = w.Get<Organization>(fundId) ?? throw new InvalidOperationException("The fund's organisation is missing.");
        }

        var hasOperator = w.ActiveAdministratorCount(fundOrganization.Id) > 0;
        var codePending = w.InvitationsOfOrganization(fundOrganization.Id, null, 1000)
            .Any(i => i.Delivery == InvitationDelivery.Bootstrap && i.StateAt(now) == InvitationState.Pending);
        return hasOperator || codePending ? null : invitations.IssueBootstrap(change, fundOrganization);
    });
}
