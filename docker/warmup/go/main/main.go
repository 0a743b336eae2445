// A program as `go build` and `go run` see one: its link step is cached too.
package main

import "fmt"

func main() { fmt.Println("hello") }
