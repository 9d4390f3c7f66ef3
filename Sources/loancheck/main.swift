print("loancheck")
