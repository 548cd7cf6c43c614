using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Connect.Grpc.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Passkeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "passkeys",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    credential_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    doc = table.Column<string>(type: "jsonb", nullable: false),
                    person_id = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_passkeys", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_passkeys_credential_key",
                table: "passkeys",
                column: "credential_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_passkeys_person_id_id",
                table: "passkeys",
                columns: new[] { "person_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "passkeys");
        }
    }
}
