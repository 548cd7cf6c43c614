using System.ComponentModel.DataAnnotations;
using Connect.Client;
using Connect.V1;

namespace Connect.Admin.Pages.Operator.Topics;

/// <summary>
/// A topic's name in each of Connect's languages. The property names are the proto's (<c>display_name.fr</c>), so that
/// Connect's field violations land next to the right box.
/// </summary>
public class TopicNamesInput
{
    [Required(ErrorMessage = "Required.Operator.Topics.NameFr")]
    [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Operator.Topics.NameFr")]
    public string Fr { get; set; } = string.Empty;

    [Required(ErrorMessage = "Required.Operator.Topics.NameDe")]
    [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Operator.Topics.NameDe")]
    public string De { get; set; } = string.Empty;

    [Required(ErrorMessage = "Required.Operator.Topics.NameIt")]
    [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Operator.Topics.NameIt")]
    public string It { get; set; } = string.Empty;

    [Required(ErrorMessage = "Required.Operator.Topics.NameEn")]
    [StringLength(ConnectLimits.MaxNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Operator.Topics.NameEn")]
    public string En { get; set; } = string.Empty;

    public LocalizedText ToLocalizedText() => new() { Fr = Fr.Trim(), De = De.Trim(), It = It.Trim(), En = En.Trim() };

    public void Fill(LocalizedText names)
    {
        Fr = names.Fr;
        De = names.De;
        It = names.It;
        En = names.En;
    }
}
