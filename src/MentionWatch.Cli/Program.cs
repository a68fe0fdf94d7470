Console.WriteLine("mentionwatch");
