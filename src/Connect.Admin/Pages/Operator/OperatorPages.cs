namespace Connect.Admin.Pages.Operator;

/// <summary>The fund's own area of the console ("Espace de la caisse"), for operators only.</summary>
public static class OperatorPages
{
    public const string Home = "/Operator/Index";
    public const string OperatorsOnly = "/Operator/OperatorsOnly";
    public const string Organizations = "/Operator/Organizations/Index";
    public const string Topics = "/Operator/Topics/Index";
    public const string Support = "/Operator/Support/Index";
    public const string Audit = "/Operator/Audit/Index";
}
