using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="Organizations"/>; fund operators only.</summary>
internal sealed class OrganizationGrpcService(Organizations organizations, CallerResolver callers) : OrganizationService.OrganizationServiceBase
{
    private const string ListName = "organizations";

    public override Task<CreateOrganizationResponse> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context)
    {
        var caller = callers.Operator(context);
        var organization = organizations.Create(caller, request.DisplayName, request.AffiliateNumber, request.TopicIds, request.Language.ToCode());
        return Task.FromResult(new CreateOrganizationResponse { Organization = organization.ToProto() });
    }

    public override Task<GetOrganizationResponse> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        callers.Operator(context);
        return Task.FromResult(new GetOrganizationResponse { Organization = organizations.Get(request.Id).ToProto() });
    }

    public override Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        callers.Operator(context);
        var (page, next) = organizations.List(Validate.PageSize(request.PageSize), PageTokens.Decode(ListName, request.PageToken));
        var response = new ListOrganizationsResponse { NextPageToken = PageTokens.Encode(ListName, next) };
        response.Organizations.AddRange(page.Select(o => o.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<ListTopicsResponse> ListTopics(ListTopicsRequest request, ServerCallContext context)
    {
        callers.Operator(context);
        var response = new ListTopicsResponse();
        response.Topics.AddRange(organizations.Topics().Select(t => t.ToProto()));
        return Task.FromResult(response);
    }
}
