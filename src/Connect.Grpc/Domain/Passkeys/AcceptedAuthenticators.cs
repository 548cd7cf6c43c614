using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Cbor;
using Fido2NetLib.Serialization;

namespace Connect.Grpc.Domain;

/// <summary>
/// The authenticator models the fund accepts when it wants hardware-bound keys only (<c>Connect:Passkeys:MetadataDirectory</c>):
/// the FIDO metadata statements in that folder, read once at start. Fido2 asks it for the statement of a new
/// credential's model and checks the attestation's certificate chain against the statement's roots; Connect then
/// accepts the credential only with a full attestation (a certificate, not self-signed or none) of a listed model whose
/// statement declares full or CA attestation. Without the folder every authenticator is accepted.
/// </summary>
internal sealed class AcceptedAuthenticators : IMetadataService
{
    private static readonly string[] FullAttestation = ["basic_full", "attca"];

    private readonly Dictionary<Guid, MetadataBLOBPayloadEntry> _models;

    public AcceptedAuthenticators(string directory)
    {
        Restricted = directory.Length > 0;
        _models = Restricted ? Read(directory) : [];
    }

    /// <summary>True when only the listed models are accepted.</summary>
    public bool Restricted { get; }

    public Task<MetadataBLOBPayloadEntry?> GetEntryAsync(Guid aaguid, CancellationToken cancellationToken = default) =>
        Task.FromResult(_models.GetValueOrDefault(aaguid));

    public bool ConformanceTesting() => false;

    /// <summary>Whether a verified registration may stand: always when not restricted, else as the class says.</summary>
    public bool Accepts(Guid aaguid, byte[] attestationObject)
    {
        if (!Restricted) return true;
        if (!_models.TryGetValue(aaguid, out var model) || !model.MetadataStatement.AttestationTypes.Any(FullAttestation.Contains)) return false;
        // Fido2 checked the chain against the model's roots; a statement without certificates (self or none) proves no hardware.
        return CborObject.Decode(attestationObject) is CborMap attestation && attestation["attStmt"] is CborMap statement
            && statement["x5c"] is CborArray { Length: > 0 };
    }

    private static Dictionary<Guid, MetadataBLOBPayloadEntry> Read(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"Connect:Passkeys:MetadataDirectory '{directory}' does not exist.");
        var models = new Dictionary<Guid, MetadataBLOBPayloadEntry>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            MetadataStatement? statement;
            try
            {
                statement = JsonSerializer.Deserialize(File.ReadAllText(file), FidoModelSerializerContext.Default.MetadataStatement);
            }
            catch (JsonException malformed)
            {
                throw new InvalidOperationException($"The metadata statement {Path.GetFileName(file)} is not valid JSON: {malformed.Message}", malformed);
            }
            if (statement?.AaGuid is not { } aaguid || statement.AttestationRootCertificates is not { Length: > 0 } || statement.AttestationTypes is null)
                throw new InvalidOperationException($"The metadata statement {Path.GetFileName(file)} names no aaguid, attestationTypes or attestationRootCertificates.");
            models[aaguid] = new MetadataBLOBPayloadEntry { AaGuid = aaguid, MetadataStatement = statement, StatusReports = [] };
        }
        if (models.Count == 0) throw new InvalidOperationException($"Connect:Passkeys:MetadataDirectory '{directory}' holds no metadata statement (*.json).");
        return models;
    }
}
