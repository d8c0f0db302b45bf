namespace Vigil.Matching.Tests;

public sealed class CsvReaderTests
{
    private static PersonFile Read(string csv, IEnumerable<KeyValuePair<string, string>>? map = null) =>
        new PersonCsvReader(map).Read(new StringReader(csv), "people.csv");

    [Fact]
    public void Read_FebrlLayout_MapsColumnsAndTrimsSpaces()
    {
        var file = Read("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\r\n" +
                        "rec-1-org, michaela, neumann, 8, stanley street, miami, winston hills, 4223, nsw, 19151111, 5304218\r\n");
        var r = Assert.Single(file.Records);
        Assert.Equal("rec-1-org", r.Id);
        Assert.Equal("michaela", r.GivenName);
        Assert.Equal("neumann", r.Surname);
        Assert.Equal("8 stanley street miami", r.Address);
        Assert.Equal("winston hills", r.Locality);
        Assert.Equal("4223", r.Postcode);
        Assert.Equal("nsw", r.Region);
        Assert.Equal(new PartialDate(1915, 11, 11), r.DateOfBirth);
        Assert.Equal(["5304218"], r.Identifiers);
    }

    [Fact]
    public void Read_SplinkLayout_MapsColumnsAndIgnoresOthers()
    {
        var file = Read("unique_id,first_name,surname,dob,city,email,cluster\n0,Robert,Alan,1971-06-24,,robert255@smith.net,0\n");
        var r = Assert.Single(file.Records);
        Assert.Equal(("0", "Robert", "Alan", "robert255@smith.net"), (r.Id, r.GivenName, r.Surname, r.Email));
        Assert.Null(r.Locality);
        Assert.Contains(file.Columns, c => c.Key == "cluster" && c.Value is null);
    }

    [Fact]
    public void Read_QuotedFieldWithComma_IsOneField()
    {
        var file = Read("id,full_name,birth_place\nQ1,\"clifford, 1st baron\",\"bristol, city of\"\n");
        Assert.Equal("bristol, city of", Assert.Single(file.Records).BirthPlace);
    }

    [Fact]
    public void Read_Map_OverridesAliasesAndIgnores()
    {
        var file = Read("ref,forename,city\n7,Ann,York\n", [new("ref", "id"), new("city", "ignore")]);
        var r = Assert.Single(file.Records);
        Assert.Equal(("7", "Ann", null), (r.Id, r.GivenName, r.Locality));
    }

    [Fact]
    public void Read_MapToUnknownColumn_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new PersonCsvReader([new("x", "shoe_size")]));
        Assert.Contains("shoe_size", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesTheLine()
    {
        var e = Assert.Throws<PersonFileException>(() => Read("id,given_name\n1,Ann\n2,\"Bob\n3,Cy\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongNumberOfFields_NamesTheLine()
    {
        var e = Assert.Throws<PersonFileException>(() => Read("id,given_name,surname\n1,Ann,Lee\n2,Bob\n"));
        Assert.Equal(3, e.Line);
        Assert.Contains("people.csv, line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateId_NamesBothLines()
    {
        var e = Assert.Throws<PersonFileException>(() => Read("id,given_name\n1,Ann\n2,Bob\n1,Cy\n"));
        Assert.Equal(4, e.Line);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyInput_AsksForAHeader() =>
        Assert.Contains("header", Assert.Throws<PersonFileException>(() => Read(string.Empty)).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_NoPersonColumn_SaysWhichColumnsItKnows() =>
        Assert.Contains("given_name", Assert.Throws<PersonFileException>(() => Read("id,colour\n1,red\n")).Message, StringComparison.Ordinal);

    [Fact]
    public void Read_EmptyId_NamesTheLine() =>
        Assert.Equal(3, Assert.Throws<PersonFileException>(() => Read("id,given_name\n1,Ann\n,Bob\n")).Line);

    [Fact]
    public void Read_UnreadableDate_WarnsAndLeavesItMissing()
    {
        var file = Read("id,given_name,dob\n1,Ann,last tuesday\n");
        Assert.Null(Assert.Single(file.Records).DateOfBirth);
        Assert.Contains("line 2", Assert.Single(file.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoIdColumn_NumbersTheRows()
    {
        var file = Read("given_name\nAnn\nBob\n");
        Assert.Equal(["1", "2"], file.Records.Select(r => r.Id));
    }

    [Fact]
    public void Read_ColumnsThatCollide_AreRefused() =>
        Assert.Throws<PersonFileException>(() => Read("id,first_name,given_name\n1,a,b\n"));

    [Fact]
    public void Read_BlankLines_AreSkipped() => Assert.Equal(2, Read("id,given_name\n1,Ann\n\n2,Bob\n").Records.Count);

    [Fact]
    public void WritePairs_ThenClusters_AreCsv()
    {
        var records = new List<PersonRecord> { People.Person("a"), People.Person("b"), People.Person("c", given: "Zed", surname: "Quinn", dob: "1950-01-01", postcode: "YO1 7HH", address: "1 Minster Yard", locality: "York") };
        var result = new PersonMatcher().Dedupe(records, 0.5, MatchModel.Default);
        var pairs = new StringWriter();
        MatchCsvWriter.WritePairs(pairs, result.Pairs, explain: true);
        Assert.StartsWith("left_id,right_id,probability,match_weight,explanation\n", pairs.ToString(), StringComparison.Ordinal);
        var clusters = new StringWriter();
        MatchCsvWriter.WriteClusters(clusters, result.Clusters);
        Assert.Equal("id,cluster_id\na,1\nb,1\nc,2\n", clusters.ToString());
    }
}
