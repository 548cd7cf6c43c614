using Connect.Grpc.Domain;

namespace Connect.Grpc.Messaging;

/// <summary>A message in its final words, ready for the outbox. <see cref="Subject"/> is empty for SMS.</summary>
public sealed record RenderedMessage(MessageChannel Channel, string To, string Subject, string Body);
