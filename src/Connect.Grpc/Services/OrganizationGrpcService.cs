using System.Security.Cryptography;
using System.Text;
using Connect.Grpc.Domain;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of the register (<see cref="Organizations"/>, <see cref="OrganizationChanges"/>, <see cref="OrganizationImport"/>) and the <see cref="TopicCatalogue"/>; fund operators only.</summary>
internal sealed class OrganizationGrpcService(
    Organizations organizations,
    OrganizationChanges changes,
    OrganizationImport import,
    TopicCatalogue topics,
    TimeProvider time) : OrganizationService.OrganizationServiceBase
{
    /// <summary>The largest request this service takes: an import file of 1 MiB with room to spare, so that a file a little too large is told so.</summary>
    public const int MaxReceiveMessageSize = 2 * ImportCsv.MaxBytes;

    public override Task<CreateOrganizationResponse> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var organization = changes.Create(caller, request.DisplayName, request.AffiliateNumber, request.TopicIds, request.Language.ToCode(), request.Contact.ToInput());
        return Task.FromResult(new CreateOrganizationResponse { Organization = organization.ToProto(topics) });
    }

    public override Task<GetOrganizationResponse> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        return Task.FromResult(new GetOrganizationResponse { Organization = organizations.Get(request.Id).ToProto(topics) });
    }

    public override Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        var query = OrganizationQuery.Parse(request.Query);
        var suspended = SuspendedFilter(request.States);
        // A token only fits the list it came from: the same query and states.
        var listName = "organizations." + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{query}|{suspended}")))[..12];
        var page = organizations.List(context.Operator(), Validate.PageSize(request.PageSize), PageTokens.Decode(listName, request.PageToken), query, suspended);
        var response = new ListOrganizationsResponse { NextPageToken = PageTokens.Encode(listName, page.NextAfterKey) };
        response.Organizations.AddRange(page.Items.Select(o => o.ToProto(topics)));
        return Task.FromResult(response);
    }

    public override Task<UpdateOrganizationResponse> UpdateOrganization(UpdateOrganizationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var organization = request.Organization ?? throw ConnectException.Field("organization", "must be set");
        var updated = changes.Update(caller, organization.Id, organization.Etag, FieldsOf(request.UpdateMask), organization.DisplayName,
            organization.Contact.ToInput(), organization.Language.ToCode(), organization.TopicIds, organization.PasskeyPolicy.ToDomain());
        return Task.FromResult(new UpdateOrganizationResponse { Organization = updated.ToProto(topics) });
    }

    public override Task<SuspendOrganizationResponse> SuspendOrganization(SuspendOrganizationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        return Task.FromResult(new SuspendOrganizationResponse { Organization = changes.Suspend(caller, request.Id, request.Reason).ToProto(topics) });
    }

    public override Task<ReopenOrganizationResponse> ReopenOrganization(ReopenOrganizationRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        return Task.FromResult(new ReopenOrganizationResponse { Organization = changes.Reopen(caller, request.Id, request.Reason).ToProto(topics) });
    }

    public override Task<ImportOrganizationsResponse> ImportOrganizations(ImportOrganizationsRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        var result = import.Import(caller, request.Csv.Memory, request.ValidateOnly);
        var now = time.UtcNow();
        var response = new ImportOrganizationsResponse
        {
            CreatedCount = result.Rows.Count(r => r.OrganizationId is not null),
            LettersPdf = result.LettersPdf is null ? ByteString.Empty : ByteString.CopyFrom(result.LettersPdf),
        };
        response.Rows.AddRange(result.Rows.Select(ToProto));
        response.Invitations.AddRange(result.Invitations.Select(i => i.ToProto(now)));
        return Task.FromResult(response);
    }

    public override Task<ListTopicsResponse> ListTopics(ListTopicsRequest request, ServerCallContext context)
    {
        var response = new ListTopicsResponse();
        response.Topics.AddRange(topics.List(context.Operator(), request.ShowRetired).Select(t => t.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<CreateTopicResponse> CreateTopic(CreateTopicRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        return Task.FromResult(new CreateTopicResponse { Topic = topics.Create(caller, request.TopicId, NamesOf(request.DisplayName)).ToProto() });
    }

    public override Task<UpdateTopicResponse> UpdateTopic(UpdateTopicRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        return Task.FromResult(new UpdateTopicResponse { Topic = topics.Rename(caller, request.Id, NamesOf(request.DisplayName)).ToProto() });
    }

    public override Task<RetireTopicResponse> RetireTopic(RetireTopicRequest request, ServerCallContext context)
    {
        var caller = context.Operator();
        return Task.FromResult(new RetireTopicResponse { Topic = topics.Retire(caller, request.Id).ToProto() });
    }

    private static TopicNames NamesOf(LocalizedText? names) => new(names?.Fr, names?.De, names?.It, names?.En);

    /// <summary>Null for every state (none asked for, both, or unspecified), else whether suspended ones are wanted.</summary>
    private static bool? SuspendedFilter(IEnumerable<OrganizationState> states)
    {
        var wanted = new HashSet<bool>();
        foreach (var state in states)
        {
            switch (state)
            {
                case OrganizationState.Unspecified:
                    return null;
                case OrganizationState.Active:
                    wanted.Add(false);
                    break;
                case OrganizationState.Suspended:
                    wanted.Add(true);
                    break;
                default:
                    throw ConnectException.Field("states", $"has an unknown state {(int)state}");
            }
        }
        return wanted.Count == 1 ? wanted.Single() : null;
    }

    private static readonly Dictionary<string, OrganizationFields> MaskPaths = new()
    {
        ["display_name"] = OrganizationFields.DisplayName,
        ["contact"] = OrganizationFields.Contact,
        ["language"] = OrganizationFields.Language,
        ["topic_ids"] = OrganizationFields.TopicIds,
        ["passkey_policy"] = OrganizationFields.PasskeyPolicy,
    };

    private static OrganizationFields FieldsOf(Google.Protobuf.WellKnownTypes.FieldMask? mask) => UpdateMasks.Fields(mask, MaskPaths, OrganizationFields.All);

    private static ImportRow ToProto(ImportedRow row)
    {
        var proto = new ImportRow
        {
            Line = row.Line,
            DisplayName = row.DisplayName,
            AffiliateNumber = row.AffiliateNumber,
            InvitationEmail = row.InvitationEmail,
            Letter = row.Letter,
            OrganizationId = row.OrganizationId ?? "",
        };
        proto.Problems.AddRange(row.Problems.Select(p => new ImportProblem { Column = p.Field, Description = p.Description, Reason = p.Reason }));
        return proto;
    }
}
