using Connect.Admin.Hosting;
using Connect.Admin.KeyRing;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddConnectAdmin(builder.Configuration);

var app = builder.Build();
app.MigrateConsoleKeyRing();
app.UseConnectAdmin();
app.Run();
