// Starts `stratc lsp` for the YAML files of a strategy repository (a folder
// with stratc.yaml); the server does the rest.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const command = vscode.workspace.getConfiguration("stratc").get<string>("path", "stratc");
  const server: ServerOptions = { command, args: ["lsp"] };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "yaml" }],
    synchronize: {
      // Files changed outside the editor (git checkout, other tools).
      fileEvents: vscode.workspace.createFileSystemWatcher("**/*.{yaml,yml,csv}"),
    },
  };
  client = new LanguageClient("stratc", "stratc", server, options);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
