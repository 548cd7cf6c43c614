namespace Connect.Admin;

/// <summary>Names the console's assembly for tests (e.g. <c>WebApplicationFactory&lt;AdminMarker&gt;</c>), since the server has a <c>Program</c> too.</summary>
public sealed class AdminMarker;
