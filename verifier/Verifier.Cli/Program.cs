Console.Error.WriteLine("usage: verifier grade --input IN.jsonl --output OUT.jsonl");
return 2;
