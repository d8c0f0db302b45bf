using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Prevent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChannelPanel",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalAuthority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Chair = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChannelPanel", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChannelPanel_NeedToKnowGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "NeedToKnowGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChannelPanel_Unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConcernScheme",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernScheme", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "PreventTeam",
                columns: table => new
                {
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "VafFactor",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FrameworkVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VafFactor", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChannelPanelMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Represents = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsChair = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PanelId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PanelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                name: "PreventCase",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PanelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgeAtReferral = table.Column<int>(type: "INTEGER", nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReferredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ConcernScheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Closure = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GatewayDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeconflictedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeconflictionSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GatewayOutcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SignpostedTo = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GatewayReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GatewayAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GatewayBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DiscussedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AdoptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    NotAdoptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AlternativeSupport = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewIntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExitReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExitWithConcerns = table.Column<bool>(type: "INTEGER", nullable: false),
                    Classification = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreventCase", x => x.Id);
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
                name: "PublicReferral",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PanelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReferrerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConcernScheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WhatPrompted = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HandledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    Classification = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicReferral", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicReferral_ChannelPanel_PanelId",
                        column: x => x.PanelId,
                        principalTable: "ChannelPanel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConcernTypes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    SchemeCode = table.Column<string>(type: "TEXT", nullable: false)
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
                name: "CaseReview",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ConcernsRemain = table.Column<bool>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseReview", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseReview_PreventCase_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PreventCase",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Intervention",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AlternativeSupport = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PoliceOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Given = table.Column<bool>(type: "INTEGER", nullable: false),
                    GivenBy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Relationship = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HasCapacity = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FromPublicForm = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferrerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerRole = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConcernScheme = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConcernCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WhatPrompted = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeetingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FrameworkVersion = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    EngagementSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IntentSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CapabilitySummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
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
                name: "PublicReferralGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "VafJudgements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FactorCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Judgement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssessmentId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                name: "IX_ConcernTypes_SchemeCode_Code",
                table: "ConcernTypes",
                columns: new[] { "SchemeCode", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intervention_CaseId",
                table: "Intervention",
                column: "CaseId");

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
                name: "IX_PartnerInformation_CaseId",
                table: "PartnerInformation",
                column: "CaseId");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseReview");

            migrationBuilder.DropTable(
                name: "ChannelPanelMembers");

            migrationBuilder.DropTable(
                name: "ConcernTypes");

            migrationBuilder.DropTable(
                name: "Intervention");

            migrationBuilder.DropTable(
                name: "PanelDiscussion");

            migrationBuilder.DropTable(
                name: "PartnerInformation");

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
                name: "VafFactor");

            migrationBuilder.DropTable(
                name: "VafJudgements");

            migrationBuilder.DropTable(
                name: "ConcernScheme");

            migrationBuilder.DropTable(
                name: "PublicReferral");

            migrationBuilder.DropTable(
                name: "VulnerabilityAssessment");

            migrationBuilder.DropTable(
                name: "PanelMeeting");

            migrationBuilder.DropTable(
                name: "PreventCase");

            migrationBuilder.DropTable(
                name: "ChannelPanel");
        }
    }
}
