using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="ApplicationRegistry"/> and <see cref="ApplicationAuthentication"/>.</summary>
internal sealed class ApplicationGrpcService(ApplicationRegistry registry, ApplicationAuthentication authentication)
    : ApplicationService.ApplicationServiceBase
{
    public override Task<CreateApplicationTokenResponse> CreateApplicationToken(CreateApplicationTokenRequest request, ServerCallContext context)
    {
        var (token, issued, application) = authentication.IssueToken(context.Caller(), request.ClientId, request.ClientSecret);
        var response = new CreateApplicationTokenResponse
        {
            AccessToken = token,
            ExpireTime = issued.ExpiresAt.ToTimestamp(),
            ApplicationId = application.Id,
            OrganizationId = application.OrganizationId ?? "",
        };
        response.Scopes.AddRange(application.Scopes);
        return Task.FromResult(response);
    }

    public override Task<CreateApplicationResponse> CreateApplication(CreateApplicationRequest request, ServerCallContext context)
    {
        var (application, secret) = registry.Create(context.Administrator(), request.DisplayName, request.Kind.ToDomain(), request.Scopes);
        return Task.FromResult(new CreateApplicationResponse { Application = ToProto(application), ClientSecret = secret });
    }

    public override Task<UpdateApplicationSignInResponse> UpdateApplicationSignIn(UpdateApplicationSignInRequest request, ServerCallContext context)
    {
        var signIn = request.SignIn ?? throw ConnectException.Field("sign_in", "must be set");
        var application = registry.UpdateSignIn(context.Operator(), request.ApplicationId, signIn.RedirectUris, signIn.PostLogoutRedirectUris,
            signIn.BackchannelLogoutUri);
        return Task.FromResult(new UpdateApplicationSignInResponse { Application = ToProto(application) });
    }

    public override Task<ListApplicationsResponse> ListApplications(ListApplicationsRequest request, ServerCallContext context)
    {
        var response = new ListApplicationsResponse();
        response.Applications.AddRange(registry.List(context.Administrator()).Select(ToProto));
        return Task.FromResult(response);
    }

    public override Task<GetApplicationResponse> GetApplication(GetApplicationRequest request, ServerCallContext context)
    {
        return Task.FromResult(new GetApplicationResponse { Application = ToProto(registry.Get(context.Administrator(), request.ApplicationId)) });
    }

    public override Task<RotateApplicationSecretResponse> RotateApplicationSecret(RotateApplicationSecretRequest request, ServerCallContext context)
    {
        var (application, secret, previousExpire) = registry.Rotate(context.Administrator(), request.ApplicationId, request.Overlap.ToOverlap());
        var response = new RotateApplicationSecretResponse { Application = ToProto(application), ClientSecret = secret };
        if (previousExpire is { } expire) response.PreviousSecretsExpireTime = expire.ToTimestamp();
        return Task.FromResult(response);
    }

    public override Task<RevokeApplicationResponse> RevokeApplication(RevokeApplicationRequest request, ServerCallContext context)
    {
        return Task.FromResult(new RevokeApplicationResponse { Application = ToProto(registry.Revoke(context.Administrator(), request.ApplicationId, request.Reason)) });
    }

    private V1.Application ToProto(Domain.Application application) => application.ToProto(registry.LiveSecrets(application));
}
