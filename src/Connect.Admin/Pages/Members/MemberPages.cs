namespace Connect.Admin.Pages.Members;

/// <summary>The pages of the user management ("Gestion des utilisateurs").</summary>
public static class MemberPages
{
    public const string List = "/Members/Index";
    public const string Detail = "/Members/Detail";
    public const string Edit = "/Members/Edit";
    public const string AdministratorsOnly = "/Members/AdministratorsOnly";

    /// <summary>The three steps of "Nouveau", in the guide's order.</summary>
    public const string NewEmail = "/Members/New/Email";
    public const string NewPerson = "/Members/New/Person";
    public const string NewPhone = "/Members/New/Phone";

    /// <summary>The number of steps of "Nouveau" shown to people ("step 2 of 3").</summary>
    public const int NewSteps = 3;
}
