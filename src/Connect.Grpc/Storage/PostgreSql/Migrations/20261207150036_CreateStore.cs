using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connect.Grpc.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CreateStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "application_tokens",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    application_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    token_hash = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    active_owner = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    client_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    owner = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    action_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    actor_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    organization_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    sign_in_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    target_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    time_key = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "challenges",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    destination = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    subject_id = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_challenges", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "invitations",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    code_hash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    organization_id = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invitations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    active_administrator_of = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    list_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    organization_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    person_id = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_memberships", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organizations",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    affiliate_number = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    list_key = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organizations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    waiting_channel = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_name_words",
                columns: table => new
                {
                    word = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    person_id = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_name_words", x => new { x.word, x.person_id });
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    activation_code_hash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    phone_number = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_persons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registrations",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    link_token_hash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    token_hash = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    organization_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    person_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    token_hash = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_locks",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_in_locks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sign_ins",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    token_hash = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_ins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_topics", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_application_tokens_application_id_expires_at",
                table: "application_tokens",
                columns: new[] { "application_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_application_tokens_token_hash",
                table: "application_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_active_owner",
                table: "applications",
                column: "active_owner");

            migrationBuilder.CreateIndex(
                name: "ix_applications_client_id",
                table: "applications",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_applications_owner",
                table: "applications",
                column: "owner");

            migrationBuilder.CreateIndex(
                name: "ix_audit_action_key",
                table: "audit",
                column: "action_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_actor_key",
                table: "audit",
                column: "actor_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_organization_key",
                table: "audit",
                column: "organization_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_sign_in_key",
                table: "audit",
                column: "sign_in_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_target_key",
                table: "audit",
                column: "target_key");

            migrationBuilder.CreateIndex(
                name: "ix_audit_time_key",
                table: "audit",
                column: "time_key");

            migrationBuilder.CreateIndex(
                name: "ix_challenges_destination_created_at",
                table: "challenges",
                columns: new[] { "destination", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_challenges_subject_id_created_at",
                table: "challenges",
                columns: new[] { "subject_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_invitations_code_hash",
                table: "invitations",
                column: "code_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_invitations_organization_id_id",
                table: "invitations",
                columns: new[] { "organization_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_active_administrator_of",
                table: "memberships",
                column: "active_administrator_of");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_list_key",
                table: "memberships",
                column: "list_key");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_person_id_organization_id",
                table: "memberships",
                columns: new[] { "person_id", "organization_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organizations_affiliate_number",
                table: "organizations",
                column: "affiliate_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_organizations_list_key",
                table: "organizations",
                column: "list_key");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_due_at",
                table: "outbox",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_waiting_channel",
                table: "outbox",
                column: "waiting_channel");

            migrationBuilder.CreateIndex(
                name: "ix_person_name_words_person_id",
                table: "person_name_words",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_activation_code_hash",
                table: "persons",
                column: "activation_code_hash");

            migrationBuilder.CreateIndex(
                name: "ix_persons_email",
                table: "persons",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_persons_phone_number",
                table: "persons",
                column: "phone_number");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_link_token_hash",
                table: "registrations",
                column: "link_token_hash");

            migrationBuilder.CreateIndex(
                name: "ix_registrations_token_hash",
                table: "registrations",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_organization_id_expires_at",
                table: "sessions",
                columns: new[] { "organization_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_person_id_expires_at",
                table: "sessions",
                columns: new[] { "person_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_token_hash",
                table: "sessions",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sign_ins_token_hash",
                table: "sign_ins",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_tokens");

            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "challenges");

            migrationBuilder.DropTable(
                name: "invitations");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "organizations");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "person_name_words");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "registrations");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "sign_in_locks");

            migrationBuilder.DropTable(
                name: "sign_ins");

            migrationBuilder.DropTable(
                name: "topics");
        }
    }
}
