using Connect.Admin.Localization;
using Connect.Client;
using Connect.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>"Nouvelle organisation" and "Editer": one form (<c>_OrganizationFields</c>) for name, language, topics and contact.</summary>
public abstract class OrganizationFormModel(ConnectOrganizationClient organizations, ConnectErrorMessages errors, IStringLocalizer<SharedResource> localizer)
    : OrganizationsPageModel(organizations, errors, localizer)
{
    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    /// <summary>True when creating: an organisation keeps its affiliate number.</summary>
    public abstract bool AffiliateNumberEditable { get; }

    /// <summary>The topics the organisation holds now (none for a new one); they stay offered even when retired.</summary>
    protected virtual IEnumerable<string> HeldTopicIds => [];

    /// <summary>The topics to offer: the catalogue's current ones, and any the organisation keeps.</summary>
    public IEnumerable<Topic> OfferedTopics
    {
        get
        {
            var held = HeldTopicIds.ToHashSet();
            return Catalogue.Where(t => !t.Retired || held.Contains(t.Id));
        }
    }
}
