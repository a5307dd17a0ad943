"""Reading aloud: espeak-ng renders WAV clips off the UI thread; a player program plays them."""
