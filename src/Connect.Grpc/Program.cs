using Connect.Grpc.Hosting;

// A one-off job of the same program, run before any host exists (README, "Moving from LiteDB to PostgreSQL").
if (args is [CopyStoreCommand.Name, .. var options]) return CopyStoreCommand.Run(options, Console.Out, Console.Error);

var builder = ConnectServerHost.CreateBuilder(args);
builder.Services.AddConnectServer(builder.Configuration);

var app = builder.Build();
app.MapConnectServer();
app.Run();
return 0;
