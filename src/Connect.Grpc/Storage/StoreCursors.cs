using Connect.Grpc.Domain;
using Connect.V1;

namespace Connect.Grpc.Storage;

/// <summary>The answer to a page cursor this store did not make (a token of another list, or tampered with).</summary>
internal static class StoreCursors
{
    public static ConnectException Invalid(string of = "list") =>
        ConnectException.Field("page_token", $"is not a token of this {of}", ErrorReason.PageTokenInvalid);
}
