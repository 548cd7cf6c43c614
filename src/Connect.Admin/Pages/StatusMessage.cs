using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Connect.Admin.Pages;

/// <summary>A message that survives the redirect of post/redirect/get; the layout shows it once.</summary>
public static class StatusMessage
{
    public const string Key = "StatusMessage";

    public static void Set(ITempDataDictionary tempData, string message) => tempData[Key] = message;
}
