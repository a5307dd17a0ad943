"""The simulated pages of the practice exercises, the persona's papers and the keyboard."""
