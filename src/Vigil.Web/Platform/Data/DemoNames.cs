using Bogus;

namespace Vigil.Web.Platform.Data;

/// <summary>
/// Fictional names for demo data, from a broad pool of locales, drawn from their own random stream only:
/// a demo seed gives every other field its own stream, so a name says nothing about anything else
/// (ideology, risk, outcome, unit).
/// </summary>
public sealed class DemoNames(int seed)
{
    private static readonly string[] Locales = ["en", "en_GB", "en_IND", "fr", "de", "es", "it", "pl", "tr", "vi", "nl", "pt_BR", "sv", "id_ID", "ro", "hr", "nb_NO", "en_NG", "af_ZA", "cz"];

    private readonly Random names = new(seed);
    private readonly Faker[] fakers = Locales.Select(l => new Faker(l)).ToArray();

    /// <summary>A faker of a locale chosen by this stream, itself seeded from this stream.</summary>
    public Faker Next()
    {
        var faker = fakers[names.Next(fakers.Length)];
        faker.Random = new Randomizer(names.Next());
        return faker;
    }
}
