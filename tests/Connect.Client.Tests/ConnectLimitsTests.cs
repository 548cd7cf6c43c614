using System.Reflection;
using Connect.Client;
using Connect.Grpc.Hosting;
using Connect.Grpc.Security;

namespace Connect.Client.Tests;

/// <summary>The limits the client package tells forms are the ones the server enforces, so that the two cannot drift.</summary>
public sealed class ConnectLimitsTests
{
    [Theory]
    [InlineData(ConnectLimits.MaxNameLength, "Connect.Grpc.Domain.Validate", "MaxNameLength")]
    [InlineData(ConnectLimits.MaxOrganizationNameLength, "Connect.Grpc.Domain.Validate", "MaxOrganizationNameLength")]
    [InlineData(ConnectLimits.MaxEmailLength, "Connect.Grpc.Domain.Validate", "MaxEmailLength")]
    [InlineData(ConnectLimits.MaxReasonLength, "Connect.Grpc.Domain.Validate", "MaxReasonLength")]
    [InlineData(ConnectLimits.MaxPhoneNumberLength, "Connect.Grpc.Domain.MobileNumbers", "MaxInputLength")]
    [InlineData(ConnectLimits.MaxPhoneNumberLength, "Connect.Grpc.Domain.OrganizationInput", "MaxPhoneLength")]
    [InlineData(ConnectLimits.MaxMemberQueryLength, "Connect.Grpc.Domain.MemberDirectory", "MaxQueryLength")]
    [InlineData(ConnectLimits.MinPasswordLength, "Connect.Grpc.Security.PasswordPolicy", "MinLength")]
    public void ClientLimit_EqualsTheServers(int client, string serverType, string serverConstant)
    {
        // The server's limits are internal to it: read the constants themselves, not a copy.
        var type = typeof(ServerMarker).Assembly.GetType(serverType) ?? throw new InvalidOperationException($"{serverType} moved: update this test.");
        var field = type.GetField(serverConstant, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{serverType}.{serverConstant} moved: update this test.");

        Assert.Equal(field.GetRawConstantValue(), client);
    }

    [Fact]
    public void CodePattern_TakesWhatTheServerTakes_AndTheCodesItMakes()
    {
        var pattern = new System.Text.RegularExpressions.Regex(ConnectLimits.CodePattern);
        foreach (var typed in new[] { "123456", " 123456 ", "000000" })
        {
            Assert.True(pattern.IsMatch(typed), typed);
            Assert.NotNull(Secrets.ReadSixDigitCode(typed));
        }
        foreach (var typed in new[] { "12345", "1234567", "12 3456", "abcdef", "" })
        {
            Assert.False(pattern.IsMatch(typed), typed);
            Assert.Null(Secrets.ReadSixDigitCode(typed));
        }
        var code = Secrets.NewSixDigitCode();
        Assert.Equal(ConnectLimits.CodeLength, code.Length);
        Assert.Matches(pattern, code);
    }
}
