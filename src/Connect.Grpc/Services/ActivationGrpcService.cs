using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="Activations"/>; no session needed.</summary>
internal sealed class ActivationGrpcService(Activations activations) : ActivationService.ActivationServiceBase
{
    public override Task<GetActivationResponse> GetActivation(GetActivationRequest request, ServerCallContext context)
    {
        var info = activations.Get(context.Caller(), request.ActivationCode);
        var response = new GetActivationResponse
        {
            Email = info.Person.Email,
            GivenName = info.Person.GivenName,
            ExpireTime = info.Person.ActivationExpiresAt!.Value.ToTimestamp(),
        };
        response.OrganizationNames.AddRange(info.OrganizationNames);
        return Task.FromResult(response);
    }

    public override async Task<ActivateResponse> Activate(ActivateRequest request, ServerCallContext context) =>
        new() { Email = await activations.Activate(context.Caller(), request.ActivationCode, request.Password, context.CancellationToken) };
}
