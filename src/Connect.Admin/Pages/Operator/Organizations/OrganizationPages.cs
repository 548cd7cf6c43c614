namespace Connect.Admin.Pages.Operator.Organizations;

/// <summary>The pages of the fund's register of organisations, inside the operator area.</summary>
public static class OrganizationPages
{
    public const string List = "/Operator/Organizations/Index";
    public const string New = "/Operator/Organizations/New";
    public const string Detail = "/Operator/Organizations/Detail";
    public const string Edit = "/Operator/Organizations/Edit";
    public const string Import = "/Operator/Organizations/Import";
}
