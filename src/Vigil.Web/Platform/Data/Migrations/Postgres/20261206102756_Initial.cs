using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessLabels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupKey = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GroupCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLabels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ConcernScheme",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernScheme", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeconflictionChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeconflictionChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeconflictionMaskedHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CheckId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ProbeReported = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeconflictionMaskedHits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PartnerAgency",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerAgency", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PursueReferenceItem",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PursueReferenceItem", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateWindows",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    WindowStart = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateWindows", x => new { x.Key, x.WindowStart });
                });

            migrationBuilder.CreateTable(
                name: "RecordChanges",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordChanges", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "SavedSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SeenUpTo = table.Column<long>(type: "bigint", nullable: false),
                    LastToldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedSearches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Terms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Href = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: true),
                    Grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    AccessRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelWord = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubjectTier",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReviewIntervalDays = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectTier", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VafFactor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FrameworkVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VafFactor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccessLabelGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessLabelGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessLabelGroups_AccessLabels_LabelId",
                        column: x => x.LabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboxItem",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ForUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReadBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItem_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Assessment = table.Column<int>(type: "integer", nullable: false),
                    Handling = table.Column<int>(type: "integer", nullable: false),
                    HandlingConditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LegacyGrading = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    InformationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: false),
                    GradingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NamedIdentifiers = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReceivedFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReports_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceSourceDetails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Handler = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HowObtained = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceSourceDetails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceSourceDetails_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernTypes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    SchemeCode = table.Column<string>(type: "character varying(16)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernTypes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernTypes_ConcernScheme_SchemeCode",
                        column: x => x.SchemeCode,
                        principalTable: "ConcernScheme",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboxItemGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItemGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItemGroups_InboxItem_RecordId",
                        column: x => x.RecordId,
                        principalTable: "InboxItem",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceDisseminations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToPartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Conditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CopyId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerAcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceDisseminations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceDisseminations_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportEntities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Normalised = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Link = table.Column<int>(type: "integer", nullable: false),
                    LinkNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Candidates = table.Column<string>(type: "character varying(800)", maxLength: 800, nullable: true),
                    Provenance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportEntities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportEntities_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportGroups_IntelligenceReports_RecordId",
                        column: x => x.RecordId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportInvestigations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportInvestigations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportInvestigations_IntelligenceReports_Report~",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportReleases_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceDetailsGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceDetailsGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceDetailsGroups_IntelligenceSourceDetails_RecordId",
                        column: x => x.RecordId,
                        principalTable: "IntelligenceSourceDetails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Clearance = table.Column<int>(type: "integer", nullable: false),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    AccessVersion = table.Column<Guid>(type: "uuid", nullable: false),
                    LastTwoFactorStep = table.Column<long>(type: "bigint", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUsers_PartnerAgency_PartnerAgencyId",
                        column: x => x.PartnerAgencyId,
                        principalTable: "PartnerAgency",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClearanceGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Requested = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Previous = table.Column<int>(type: "integer", nullable: false),
                    RequestedById = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClearanceGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClearanceGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonalAccessTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastUsedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalAccessTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseReview",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ConcernsRemain = table.Column<bool>(type: "boolean", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseReview", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChannelPanel",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LocalAuthority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Chair = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelPanel", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChannelPanelMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Represents = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsChair = table.Column<bool>(type: "boolean", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelPanelMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelPanelMembers_ChannelPanel_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ChannelPanel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelMeeting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Attendees = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeeting", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelMeeting_ChannelPanel_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ChannelPanel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicReferral",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReferrerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerOrganisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerContact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ConcernScheme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WhatPrompted = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReferral", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReferral_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PublicReferral_ChannelPanel_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ChannelPanel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicReferralGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReferralGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReferralGroups_PublicReferral_RecordId",
                        column: x => x.RecordId,
                        principalTable: "PublicReferral",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureItem",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Location = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    PublicInterestReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FlaggedForProsecutor = table.Column<bool>(type: "boolean", nullable: false),
                    FlagReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureItem", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElgAttendees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElgAttendees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElgDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Decision = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Balance = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AuthorisesExecutiveAction = table.Column<bool>(type: "boolean", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElgDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElgMeeting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OperationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElgMeeting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ElgMeetingShares",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElgMeetingShares", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElgMeetingShares_ElgMeeting_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ElgMeeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Exhibit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SeizedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SeizedFrom = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SeizedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Custodian = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FileSize = table.Column<long>(type: "bigint", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    StoredAs = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exhibit", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExhibitHandovers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    To = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExhibitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExhibitHandovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExhibitHandovers_Exhibit_ExhibitId",
                        column: x => x.ExhibitId,
                        principalTable: "Exhibit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Force",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Force", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Unit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ParentUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeadForceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Unit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Unit_Force_LeadForceId",
                        column: x => x.LeadForceId,
                        principalTable: "Force",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Unit_Unit_ParentUnitId",
                        column: x => x.ParentUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NeedToKnowGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ManagedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedToKnowGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedToKnowGroups_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Organisation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisation_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Organisation_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Subject",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    DateOfBirthAccuracy = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TierId = table.Column<Guid>(type: "uuid", nullable: true),
                    TierOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TierReviewDue = table.Column<DateOnly>(type: "date", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Subject", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Subject_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subject_AspNetUsers_TierOwnerId",
                        column: x => x.TierOwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Subject_SubjectTier_TierId",
                        column: x => x.TierId,
                        principalTable: "SubjectTier",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subject_Subject_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Subject_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GroupMemberships",
                columns: table => new
                {
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMemberships", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupMemberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMemberships_NeedToKnowGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "NeedToKnowGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Investigation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Lead = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ThreatType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Phase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Investigation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Investigation_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Investigation_NeedToKnowGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "NeedToKnowGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Investigation_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreventTeam",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventTeam", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_PreventTeam_NeedToKnowGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "NeedToKnowGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventTeam_Unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationGroups_Organisation_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Organisation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PreventCase",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgeAtReferral = table.Column<int>(type: "integer", nullable: true),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReferredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ConcernScheme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Closure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GatewayDue = table.Column<DateOnly>(type: "date", nullable: false),
                    DeconflictedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeconflictionSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GatewayOutcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Finding = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SignpostedTo = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GatewayReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    GatewayAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GatewayBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DiscussedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AdoptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    NotAdoptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AlternativeSupport = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReviewIntervalDays = table.Column<int>(type: "integer", nullable: false),
                    ExitedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExitReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ExitWithConcerns = table.Column<bool>(type: "boolean", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventCase", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventCase_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventCase_ChannelPanel_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ChannelPanel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventCase_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PreventCase_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SubjectAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectAddresses_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Platform = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectContacts_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectGroups_Subject_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectIdentifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuingCountry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectIdentifiers_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ToSubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectLinks_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectNames",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectNames_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectNameTokens",
                columns: table => new
                {
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectNameTokens", x => new { x.SubjectId, x.Token });
                    table.ForeignKey(
                        name: "FK_SubjectNameTokens_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectNationalities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectNationalities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectNationalities_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectVehicles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Registration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectVehicles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectVehicles_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectWarningMarkers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectWarningMarkers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectWarningMarkers_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationActivities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationActivities_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationGroups_Investigation_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationPhaseChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    From = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationPhaseChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationPhaseChanges_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationSubject",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationSubject", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationSubject_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestigationSubject_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationTeam",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationTeam", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationTeam_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LineOfEnquiry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LineOfEnquiry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LineOfEnquiry_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicyEntry",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Decision = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Supersedes = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyEntry_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleSignOff",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Form = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleSignOff", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScheduleSignOff_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TimelineEvent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TimelineEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TimelineEvent_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WitnessStatement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Witness = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    TakenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WitnessStatement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WitnessStatement_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Intervention",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intervention", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Intervention_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelDiscussion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AlternativeSupport = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelDiscussion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelDiscussion_PanelMeeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "PanelMeeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PanelDiscussion_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerInformation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Agency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerInformation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerInformation_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PreventCaseGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventCaseGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventCaseGroups_PreventCase_RecordId",
                        column: x => x.RecordId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PreventCaseHistory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PoliceOnly = table.Column<bool>(type: "boolean", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventCaseHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventCaseHistory_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PreventConsents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Given = table.Column<bool>(type: "boolean", nullable: false),
                    GivenBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HasCapacity = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventConsents_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PreventReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromPublicForm = table.Column<bool>(type: "boolean", nullable: false),
                    ReferrerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerOrganisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerContact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConcernScheme = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WhatPrompted = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreventReferrals_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VulnerabilityAssessment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FrameworkVersion = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EngagementSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IntentSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CapabilitySummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VulnerabilityAssessment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VulnerabilityAssessment_PanelMeeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "PanelMeeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VulnerabilityAssessment_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InvestigationAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    LineOfEnquiryId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AllocatedToId = table.Column<Guid>(type: "uuid", nullable: true),
                    Result = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ResultedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvestigationAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InvestigationAction_AspNetUsers_AllocatedToId",
                        column: x => x.AllocatedToId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestigationAction_Investigation_InvestigationId",
                        column: x => x.InvestigationId,
                        principalTable: "Investigation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InvestigationAction_LineOfEnquiry_LineOfEnquiryId",
                        column: x => x.LineOfEnquiryId,
                        principalTable: "LineOfEnquiry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VafJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FactorCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Judgement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VafJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VafJudgements_VulnerabilityAssessment_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "VulnerabilityAssessment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLabelGroups_GroupId_LabelId",
                table: "AccessLabelGroups",
                columns: new[] { "GroupId", "LabelId" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLabelGroups_LabelId",
                table: "AccessLabelGroups",
                column: "LabelId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessLabels_Classification_OwningUnitId_GroupKey",
                table: "AccessLabels",
                columns: new[] { "Classification", "OwningUnitId", "GroupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PartnerAgencyId",
                table: "AspNetUsers",
                column: "PartnerAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_UnitId",
                table: "AspNetUsers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RecordType_RecordId",
                table: "AuditEntries",
                columns: new[] { "RecordType", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId",
                table: "AuditEntries",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReview_CaseId",
                table: "CaseReview",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReview_DueOn",
                table: "CaseReview",
                column: "DueOn");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelPanel_Code",
                table: "ChannelPanel",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChannelPanel_GroupId",
                table: "ChannelPanel",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelPanel_UnitId",
                table: "ChannelPanel",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ChannelPanelMembers_PanelId_UserId",
                table: "ChannelPanelMembers",
                columns: new[] { "PanelId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceGrants_Status_RequestedAt",
                table: "ClearanceGrants",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceGrants_UserId",
                table: "ClearanceGrants",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ConcernTypes_SchemeCode_Code",
                table: "ConcernTypes",
                columns: new[] { "SchemeCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionChecks_Reference",
                table: "DeconflictionChecks",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionChecks_UserId_At",
                table: "DeconflictionChecks",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionMaskedHits_CheckId",
                table: "DeconflictionMaskedHits",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_DeconflictionMaskedHits_UserId_SubjectId_At",
                table: "DeconflictionMaskedHits",
                columns: new[] { "UserId", "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureItem_InvestigationId_Number",
                table: "DisclosureItem",
                columns: new[] { "InvestigationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElgAttendees_MeetingId",
                table: "ElgAttendees",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ElgDecisions_MeetingId",
                table: "ElgDecisions",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_ElgMeeting_InvestigationId",
                table: "ElgMeeting",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_ElgMeetingShares_RecordId",
                table: "ElgMeetingShares",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_Exhibit_InvestigationId_Reference",
                table: "Exhibit",
                columns: new[] { "InvestigationId", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExhibitHandovers_ExhibitId",
                table: "ExhibitHandovers",
                column: "ExhibitId");

            migrationBuilder.CreateIndex(
                name: "IX_Force_Name",
                table: "Force",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Force_UnitId",
                table: "Force",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_GroupMemberships_UserId",
                table: "GroupMemberships",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItem_AccessLabelId",
                table: "InboxItem",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItem_ForUserId",
                table: "InboxItem",
                column: "ForUserId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItem_OwningUnitId",
                table: "InboxItem",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItem_OwningUnitId_CreatedAt",
                table: "InboxItem",
                columns: new[] { "OwningUnitId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItemGroups_RecordId_GroupId",
                table: "InboxItemGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceDisseminations_CopyId",
                table: "IntelligenceDisseminations",
                column: "CopyId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceDisseminations_ReportId",
                table: "IntelligenceDisseminations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_Kind_Normalised",
                table: "IntelligenceReportEntities",
                columns: new[] { "Kind", "Normalised" });

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_ReportId",
                table: "IntelligenceReportEntities",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_SubjectId",
                table: "IntelligenceReportEntities",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportGroups_RecordId_GroupId",
                table: "IntelligenceReportGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportInvestigations_InvestigationId",
                table: "IntelligenceReportInvestigations",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportInvestigations_ReportId",
                table: "IntelligenceReportInvestigations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportReleases_ReportId",
                table: "IntelligenceReportReleases",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_AccessLabelId",
                table: "IntelligenceReports",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_OwningUnitId",
                table: "IntelligenceReports",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_OwningUnitId_State_ReviewDue",
                table: "IntelligenceReports",
                columns: new[] { "OwningUnitId", "State", "ReviewDue" });

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_Reference",
                table: "IntelligenceReports",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_AccessLabelId",
                table: "IntelligenceSourceDetails",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_OwningUnitId",
                table: "IntelligenceSourceDetails",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_ReportId",
                table: "IntelligenceSourceDetails",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intervention_CaseId",
                table: "Intervention",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Investigation_AccessLabelId",
                table: "Investigation",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_Investigation_GroupId",
                table: "Investigation",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Investigation_OperationName",
                table: "Investigation",
                column: "OperationName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Investigation_OwningUnitId",
                table: "Investigation",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Investigation_Phase",
                table: "Investigation",
                column: "Phase");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationAction_AllocatedToId_State",
                table: "InvestigationAction",
                columns: new[] { "AllocatedToId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationAction_InvestigationId_Number",
                table: "InvestigationAction",
                columns: new[] { "InvestigationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationAction_LineOfEnquiryId",
                table: "InvestigationAction",
                column: "LineOfEnquiryId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationActivities_InvestigationId",
                table: "InvestigationActivities",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationGroups_RecordId_GroupId",
                table: "InvestigationGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationPhaseChanges_InvestigationId",
                table: "InvestigationPhaseChanges",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationSubject_InvestigationId_SubjectId",
                table: "InvestigationSubject",
                columns: new[] { "InvestigationId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationSubject_SubjectId",
                table: "InvestigationSubject",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationTeam_InvestigationId",
                table: "InvestigationTeam",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_InvestigationTeam_UserId",
                table: "InvestigationTeam",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_LineOfEnquiry_InvestigationId_Number",
                table: "LineOfEnquiry",
                columns: new[] { "InvestigationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NeedToKnowGroups_Name",
                table: "NeedToKnowGroups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NeedToKnowGroups_OwningUnitId",
                table: "NeedToKnowGroups",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_AccessLabelId",
                table: "Organisation",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Name",
                table: "Organisation",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_OwningUnitId",
                table: "Organisation",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationGroups_RecordId_GroupId",
                table: "OrganisationGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelDiscussion_CaseId",
                table: "PanelDiscussion",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelDiscussion_MeetingId",
                table: "PanelDiscussion",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMeeting_PanelId_HeldOn",
                table: "PanelMeeting",
                columns: new[] { "PanelId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerAgency_Code",
                table: "PartnerAgency",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerInformation_CaseId",
                table: "PartnerInformation",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_Hash",
                table: "PersonalAccessTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_UserId",
                table: "PersonalAccessTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyEntry_InvestigationId_Number",
                table: "PolicyEntry",
                columns: new[] { "InvestigationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_AccessLabelId",
                table: "PreventCase",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_OwningUnitId",
                table: "PreventCase",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_PanelId",
                table: "PreventCase",
                column: "PanelId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_Reference",
                table: "PreventCase",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_ReferredAt",
                table: "PreventCase",
                column: "ReferredAt");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_Stage",
                table: "PreventCase",
                column: "Stage");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_SubjectId",
                table: "PreventCase",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventCase_Year_Number",
                table: "PreventCase",
                columns: new[] { "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreventCaseGroups_RecordId_GroupId",
                table: "PreventCaseGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PreventCaseHistory_CaseId",
                table: "PreventCaseHistory",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventConsents_CaseId",
                table: "PreventConsents",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventReferrals_CaseId",
                table: "PreventReferrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PreventTeam_GroupId",
                table: "PreventTeam",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferral_AccessLabelId",
                table: "PublicReferral",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferral_OwningUnitId",
                table: "PublicReferral",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferral_PanelId",
                table: "PublicReferral",
                column: "PanelId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferral_Reference",
                table: "PublicReferral",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferral_State",
                table: "PublicReferral",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_PublicReferralGroups_RecordId_GroupId",
                table: "PublicReferralGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PursueReferenceItem_Kind_Code",
                table: "PursueReferenceItem",
                columns: new[] { "Kind", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RateWindows_WindowStart",
                table: "RateWindows",
                column: "WindowStart");

            migrationBuilder.CreateIndex(
                name: "IX_RecordChanges_RecordType_Sequence",
                table: "RecordChanges",
                columns: new[] { "RecordType", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedSearches_UserId",
                table: "SavedSearches",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleSignOff_InvestigationId",
                table: "ScheduleSignOff",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_AccessRecordId",
                table: "SearchEntries",
                column: "AccessRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_RecordId_RecordType",
                table: "SearchEntries",
                columns: new[] { "RecordId", "RecordType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceDetailsGroups_RecordId_GroupId",
                table: "SourceDetailsGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subject_AccessLabelId",
                table: "Subject",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_MergedIntoId",
                table: "Subject",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_OwningUnitId",
                table: "Subject",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_Surname_GivenName_AccessLabelId_MergedIntoId",
                table: "Subject",
                columns: new[] { "Surname", "GivenName", "AccessLabelId", "MergedIntoId" });

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierId",
                table: "Subject",
                column: "TierId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierOwnerId",
                table: "Subject",
                column: "TierOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierReviewDue",
                table: "Subject",
                column: "TierReviewDue");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectAddresses_Postcode",
                table: "SubjectAddresses",
                column: "Postcode");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectAddresses_SubjectId",
                table: "SubjectAddresses",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectContacts_SubjectId",
                table: "SubjectContacts",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectContacts_Value",
                table: "SubjectContacts",
                column: "Value");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectGroups_RecordId_GroupId",
                table: "SubjectGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_SubjectId",
                table: "SubjectIdentifiers",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_Value",
                table: "SubjectIdentifiers",
                column: "Value");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_SubjectId",
                table: "SubjectLinks",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_ToOrganisationId",
                table: "SubjectLinks",
                column: "ToOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_ToSubjectId",
                table: "SubjectLinks",
                column: "ToSubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectNames_SubjectId",
                table: "SubjectNames",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectNameTokens_Token_SubjectId",
                table: "SubjectNameTokens",
                columns: new[] { "Token", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_SubjectNationalities_SubjectId",
                table: "SubjectNationalities",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectTier_Code",
                table: "SubjectTier",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectVehicles_Registration",
                table: "SubjectVehicles",
                column: "Registration");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectVehicles_SubjectId",
                table: "SubjectVehicles",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectWarningMarkers_SubjectId",
                table: "SubjectWarningMarkers",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvent_InvestigationId",
                table: "TimelineEvent",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_Unit_Code",
                table: "Unit",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Unit_LeadForceId",
                table: "Unit",
                column: "LeadForceId");

            migrationBuilder.CreateIndex(
                name: "IX_Unit_ParentUnitId",
                table: "Unit",
                column: "ParentUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_VafFactor_FrameworkVersion_Code",
                table: "VafFactor",
                columns: new[] { "FrameworkVersion", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VafJudgements_AssessmentId",
                table: "VafJudgements",
                column: "AssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_VulnerabilityAssessment_CaseId",
                table: "VulnerabilityAssessment",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_VulnerabilityAssessment_MeetingId",
                table: "VulnerabilityAssessment",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_WitnessStatement_InvestigationId",
                table: "WitnessStatement",
                column: "InvestigationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                table: "AspNetUserClaims",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                table: "AspNetUserLogins",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                table: "AspNetUserRoles",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Unit_UnitId",
                table: "AspNetUsers",
                column: "UnitId",
                principalTable: "Unit",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_CaseReview_PreventCase_CaseId",
                table: "CaseReview",
                column: "CaseId",
                principalTable: "PreventCase",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ChannelPanel_NeedToKnowGroups_GroupId",
                table: "ChannelPanel",
                column: "GroupId",
                principalTable: "NeedToKnowGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ChannelPanel_Unit_UnitId",
                table: "ChannelPanel",
                column: "UnitId",
                principalTable: "Unit",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DisclosureItem_Investigation_InvestigationId",
                table: "DisclosureItem",
                column: "InvestigationId",
                principalTable: "Investigation",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ElgAttendees_ElgMeeting_MeetingId",
                table: "ElgAttendees",
                column: "MeetingId",
                principalTable: "ElgMeeting",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ElgDecisions_ElgMeeting_MeetingId",
                table: "ElgDecisions",
                column: "MeetingId",
                principalTable: "ElgMeeting",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_ElgMeeting_Investigation_InvestigationId",
                table: "ElgMeeting",
                column: "InvestigationId",
                principalTable: "Investigation",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Exhibit_Investigation_InvestigationId",
                table: "Exhibit",
                column: "InvestigationId",
                principalTable: "Investigation",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Force_Unit_UnitId",
                table: "Force",
                column: "UnitId",
                principalTable: "Unit",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Hand-written (not generated from the model): keep when squashing.
            // The audit log is append-only in the database itself: triggers refuse UPDATE, DELETE and
            // TRUNCATE for every role, and no role but the owner is granted more than SELECT and INSERT.
            // Production runs the application as a role that is not the owner (docs/operations.md).
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit log is append-only: % refused', TG_OP;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "AuditEntries"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                """);
            migrationBuilder.Sql("""REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM PUBLIC;""");
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_app') THEN
                        REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM vigil_app;
                        GRANT SELECT, INSERT ON "AuditEntries" TO vigil_app;
                    END IF;
                END $$;
                """);

            // Hand-written: the full-text document, generated from the entry (title and identifiers weight A, text
            // weight B). The access part of a query is a condition on "AccessLabelId" in the same WHERE, not a lexeme.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Title"), 'A')
                    || setweight(to_tsvector('simple', "Terms"), 'A')
                    || setweight(to_tsvector('english', "Body"), 'B')) STORED;
                CREATE INDEX "IX_SearchEntries_Document" ON "SearchEntries" USING gin ("Document");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_no_truncate ON "AuditEntries";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS audit_entries_no_update_delete ON "AuditEntries";""");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_entries_append_only();");

            migrationBuilder.DropForeignKey(
                name: "FK_Force_Unit_UnitId",
                table: "Force");

            migrationBuilder.DropTable(
                name: "AccessLabelGroups");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CaseReview");

            migrationBuilder.DropTable(
                name: "ChannelPanelMembers");

            migrationBuilder.DropTable(
                name: "ClearanceGrants");

            migrationBuilder.DropTable(
                name: "ConcernTypes");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DeconflictionChecks");

            migrationBuilder.DropTable(
                name: "DeconflictionMaskedHits");

            migrationBuilder.DropTable(
                name: "DisclosureItem");

            migrationBuilder.DropTable(
                name: "ElgAttendees");

            migrationBuilder.DropTable(
                name: "ElgDecisions");

            migrationBuilder.DropTable(
                name: "ElgMeetingShares");

            migrationBuilder.DropTable(
                name: "ExhibitHandovers");

            migrationBuilder.DropTable(
                name: "GroupMemberships");

            migrationBuilder.DropTable(
                name: "InboxItemGroups");

            migrationBuilder.DropTable(
                name: "IntelligenceDisseminations");

            migrationBuilder.DropTable(
                name: "IntelligenceReportEntities");

            migrationBuilder.DropTable(
                name: "IntelligenceReportGroups");

            migrationBuilder.DropTable(
                name: "IntelligenceReportInvestigations");

            migrationBuilder.DropTable(
                name: "IntelligenceReportReleases");

            migrationBuilder.DropTable(
                name: "Intervention");

            migrationBuilder.DropTable(
                name: "InvestigationAction");

            migrationBuilder.DropTable(
                name: "InvestigationActivities");

            migrationBuilder.DropTable(
                name: "InvestigationGroups");

            migrationBuilder.DropTable(
                name: "InvestigationPhaseChanges");

            migrationBuilder.DropTable(
                name: "InvestigationSubject");

            migrationBuilder.DropTable(
                name: "InvestigationTeam");

            migrationBuilder.DropTable(
                name: "OrganisationGroups");

            migrationBuilder.DropTable(
                name: "PanelDiscussion");

            migrationBuilder.DropTable(
                name: "PartnerInformation");

            migrationBuilder.DropTable(
                name: "PersonalAccessTokens");

            migrationBuilder.DropTable(
                name: "PolicyEntry");

            migrationBuilder.DropTable(
                name: "PreventCaseGroups");

            migrationBuilder.DropTable(
                name: "PreventCaseHistory");

            migrationBuilder.DropTable(
                name: "PreventConsents");

            migrationBuilder.DropTable(
                name: "PreventReferrals");

            migrationBuilder.DropTable(
                name: "PreventTeam");

            migrationBuilder.DropTable(
                name: "PublicReferralGroups");

            migrationBuilder.DropTable(
                name: "PursueReferenceItem");

            migrationBuilder.DropTable(
                name: "RateWindows");

            migrationBuilder.DropTable(
                name: "RecordChanges");

            migrationBuilder.DropTable(
                name: "SavedSearches");

            migrationBuilder.DropTable(
                name: "ScheduleSignOff");

            migrationBuilder.DropTable(
                name: "SearchEntries");

            migrationBuilder.DropTable(
                name: "SourceDetailsGroups");

            migrationBuilder.DropTable(
                name: "SubjectAddresses");

            migrationBuilder.DropTable(
                name: "SubjectContacts");

            migrationBuilder.DropTable(
                name: "SubjectGroups");

            migrationBuilder.DropTable(
                name: "SubjectIdentifiers");

            migrationBuilder.DropTable(
                name: "SubjectLinks");

            migrationBuilder.DropTable(
                name: "SubjectNames");

            migrationBuilder.DropTable(
                name: "SubjectNameTokens");

            migrationBuilder.DropTable(
                name: "SubjectNationalities");

            migrationBuilder.DropTable(
                name: "SubjectVehicles");

            migrationBuilder.DropTable(
                name: "SubjectWarningMarkers");

            migrationBuilder.DropTable(
                name: "TimelineEvent");

            migrationBuilder.DropTable(
                name: "VafFactor");

            migrationBuilder.DropTable(
                name: "VafJudgements");

            migrationBuilder.DropTable(
                name: "WitnessStatement");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "ConcernScheme");

            migrationBuilder.DropTable(
                name: "ElgMeeting");

            migrationBuilder.DropTable(
                name: "Exhibit");

            migrationBuilder.DropTable(
                name: "InboxItem");

            migrationBuilder.DropTable(
                name: "IntelligenceReports");

            migrationBuilder.DropTable(
                name: "LineOfEnquiry");

            migrationBuilder.DropTable(
                name: "Organisation");

            migrationBuilder.DropTable(
                name: "PublicReferral");

            migrationBuilder.DropTable(
                name: "IntelligenceSourceDetails");

            migrationBuilder.DropTable(
                name: "VulnerabilityAssessment");

            migrationBuilder.DropTable(
                name: "Investigation");

            migrationBuilder.DropTable(
                name: "PanelMeeting");

            migrationBuilder.DropTable(
                name: "PreventCase");

            migrationBuilder.DropTable(
                name: "ChannelPanel");

            migrationBuilder.DropTable(
                name: "Subject");

            migrationBuilder.DropTable(
                name: "NeedToKnowGroups");

            migrationBuilder.DropTable(
                name: "AccessLabels");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "SubjectTier");

            migrationBuilder.DropTable(
                name: "PartnerAgency");

            migrationBuilder.DropTable(
                name: "Unit");

            migrationBuilder.DropTable(
                name: "Force");
        }
    }
}
