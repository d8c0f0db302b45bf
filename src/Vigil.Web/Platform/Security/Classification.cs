namespace Vigil.Web.Platform.Security;

/// <summary>Government Security Classifications (2014). OFFICIAL-SENSITIVE is a handling marking on
/// OFFICIAL, not a tier, so it is carried separately (<see cref="ProtectiveLabel.OfficialSensitive"/>).</summary>
public enum Classification
{
    Official = 0,
    Secret = 1,
    TopSecret = 2,
}

public static class ClassificationText
{
    public static string Display(Classification classification, bool officialSensitive = false) => classification switch
    {
        Classification.Official when officialSensitive => "OFFICIAL-SENSITIVE",
        Classification.Official => "OFFICIAL",
        Classification.Secret => "SECRET",
        Classification.TopSecret => "TOP SECRET",
        _ => classification.ToString(),
    };
}
