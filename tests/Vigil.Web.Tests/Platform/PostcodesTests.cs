using Vigil.Web.Network;
using Vigil.Web.Platform.Places;

namespace Vigil.Web.Tests.Platform;

/// <summary>Postcodes as reference data: the form, the area and district, and the centres the small maps use.</summary>
public sealed class PostcodesTests
{
    [Theory]
    [InlineData("m11ae", "M1 1AE")]
    [InlineData(" sw1a 1aa ", "SW1A 1AA")]
    [InlineData("EC1A1BB", "EC1A 1BB")]
    [InlineData("M1", null)]
    [InlineData("11 1AA", null)]
    [InlineData("ABCDEFG", null)]
    public void Normalise_GivesTheFormWithItsSpace_OrNothingForWhatIsNotAPostcode(string typed, string? expected) =>
        Assert.Equal(expected, Postcodes.Normalise(typed));

    [Fact]
    public void AreaAndDistrict_AreReadFromTheOutwardCode()
    {
        Assert.Equal("SW", Postcodes.AreaCode("SW1A 1AA"));
        Assert.Equal("SW1A", Postcodes.District("SW1A 1AA"));
        Assert.Equal("Greater Manchester", Postcodes.AreaOf("M11 3FF")!.Force);
        Assert.Null(Postcodes.AreaOf("QQ1 1AA"));
    }

    [Fact]
    public void EveryArea_IsInTheBritishIslesAndIsCoveredByAForceOfTheNetwork()
    {
        var forces = NetworkReferenceData.RegionalUnits.SelectMany(u => u.Forces).ToHashSet();
        foreach (var area in Postcodes.Areas.Values)
        {
            Assert.InRange(area.Centre.Latitude, 49.1, 60.9);
            Assert.InRange(area.Centre.Longitude, -8.2, 1.8);
            Assert.True(forces.Contains(area.Force), $"{area.Code}: {area.Force} is no force of the network");
        }
    }

    [Fact]
    public void Distances_AreGreatCircleKilometres()
    {
        var manchester = Postcodes.Centre("M1 1AE")!.Value;
        var birmingham = Postcodes.Centre("B1 1AA")!.Value;
        Assert.InRange(manchester.KilometresTo(birmingham), 105, 125); // about 113 km as the crow flies
        Assert.Equal(0, manchester.KilometresTo(manchester), 6);
        Assert.Equal(manchester.KilometresTo(birmingham), birmingham.KilometresTo(manchester), 9);
    }
}
