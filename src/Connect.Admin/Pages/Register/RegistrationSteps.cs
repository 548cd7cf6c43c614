using Connect.V1;

namespace Connect.Admin.Pages.Register;

/// <summary>Which page of the wizard belongs to a registration's state, in the order of the fund's guide.</summary>
public static class RegistrationSteps
{
    public const string AccessCode = "/Register/Index";
    public const string Email = "/Register/Email";
    public const string EmailCode = "/Register/EmailCode";
    public const string Profile = "/Register/Profile";
    public const string Confirm = "/Register/Confirm";
    public const string Phone = "/Register/Phone";
    public const string Finish = "/Register/Finish";
    public const string Done = "/Register/Done";

    /// <summary>The number of steps shown to people ("step 3 of 6").</summary>
    public const int Count = 6;

    public static string PageFor(Registration registration) => registration.State switch
    {
        RegistrationState.EmailRequired => Email,
        RegistrationState.EmailCodeSent => EmailCode,
        RegistrationState.EmailVerified => registration.ExistingPerson ? Confirm : Profile,
        RegistrationState.ProfileCompleted or RegistrationState.PhoneCodeSent => Phone,
        RegistrationState.PhoneVerified => Finish,
        RegistrationState.Finished => Done,
        _ => AccessCode,
    };
}
